"""Ways to run newsclean inside other engines (each module imports its engine only when used)."""
