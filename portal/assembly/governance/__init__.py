"""The association's governance (/gouvernance) and the assembly's editions, their phases
and the emails that tell allies a phase opened."""
