"""Reading a report: load and decode (``report``), parts and sections (``structure``), numerals,
quantities and mentions, the automatic label of what a figure counts (``autolabel``) and the
folding of traditional characters (``folding``)."""
