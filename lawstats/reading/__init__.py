"""Reading a report: load and decode, structure, numerals, quantities, mentions."""
