"""Analytics over a batch dataset: queries (DuckDB), charts (matplotlib) and the workbook of `jixiao analyze`."""
