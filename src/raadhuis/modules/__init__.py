"""Domain modules, one package per tender domain; each imports the kernel, never another module."""
