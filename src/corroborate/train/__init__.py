"""Building models: exporting (and, in a later stage, training) verifiers. Never imported at run time."""
