"""The site shell: layout, home page, language switch, job pages, error pages and the
platform's own static assets."""
