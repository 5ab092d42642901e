"""Excel workbooks: export a project, import it back with a preview, import custom catalogs.

Modules are imported on use (``isodesk.excel.export`` ...), so openpyxl loads only when a
workbook is read or written.
"""
