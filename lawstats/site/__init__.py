"""The site: one notebook executor, the build, the rendering."""
