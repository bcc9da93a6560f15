"""From mentions to tables: which case study applies (``casestudy``), its annotations
(``annotate``), the figure tables (``dataset``), standard indicators and the English glossary
(``indicators``, ``glossary``), many files at once (``extract``) and its quality (``quality``)."""
