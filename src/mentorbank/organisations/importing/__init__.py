"""HR import of units and employees from CSV or XLSX: read, plan (dry run), apply."""
