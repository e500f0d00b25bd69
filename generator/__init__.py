"""The Fuzhou plan portal: YAML plans in, a bilingual static site out.

Pipeline, one module per stage: load -> validate -> render + charts -> write -> MkDocs.
"""

__version__ = "0.1.0"
