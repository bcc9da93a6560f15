"""The site: the one notebook executor (``notebooks``, with warm kernels from ``kernels``), the
build (``build``) and the rendering of pages (``render``)."""
