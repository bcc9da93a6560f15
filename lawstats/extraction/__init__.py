"""From mentions to tables: labels, glossary, indicators, annotations, figures, extraction of many files, quality."""
