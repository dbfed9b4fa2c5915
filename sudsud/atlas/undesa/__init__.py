"""Reading the official UN DESA International Migrant Stock workbooks.

``layout`` finds the header by names (the 2020 and 2024 editions differ in names,
order and markers), ``cells`` turns cells into values and flags, ``reader`` streams
the data rows of a workbook with python-calamine, and ``importer`` writes them.
"""
