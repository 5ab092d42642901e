"""The report's sections, each a function from the ReportContext to a list of flowables."""
