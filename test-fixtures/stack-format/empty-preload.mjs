// An `--import` that does nothing: a plain run with a preload, as cowlens's is.
