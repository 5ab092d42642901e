"""Excel workbooks: export a project, import it back with a preview, import custom catalogs.

Modules are imported on use (``isodesk.excel.export`` ...), so openpyxl loads only when a
workbook is read or written.
"""
import os

# openpyxl parses with lxml when it is installed (python-docx, for the Word report, brings it)
# instead of defusedxml, whose refusal of entity definitions the import's XML-bomb check relies
# on. Keep openpyxl on the standard library parser it had before lxml came along.
os.environ.setdefault("OPENPYXL_LXML", "False")
