"""Exit 0 when the PostgreSQL server of the given URL accepts connections."""

import sys

import psycopg

url = sys.argv[1]
admin_url = url.rsplit("/", 1)[0] + "/postgres"
try:
    psycopg.connect(admin_url, connect_timeout=3).close()
except psycopg.Error:
    sys.exit(1)
