"""Settings modules: ``base`` holds what every environment shares; ``dev``, ``test``
and ``production`` adjust it. Everything that differs between deployments is read
from environment variables (see ``docs/configuration.md``)."""
