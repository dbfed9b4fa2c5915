"""IATI 2.03: publishing the programme as an ``iati-activities`` file and reading
such files back.

* ``export/`` builds the document element by element: one small function per
  element group, driven by the ordered ``ELEMENTS`` list (Akvo RSR's shape).
* ``validate.py`` checks a document against the official XSD (from the setting
  ``SUDSUD_IATI_SCHEMA_DIR``) and the IATI ruleset checks the XSD cannot make.
* ``importer.py`` reads an uploaded file safely into plain records; the service
  ``services.iati.iati_import`` writes them.
"""
