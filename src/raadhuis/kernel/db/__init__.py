"""Database helpers shared by the kernel and the modules (no models: not a Django app)."""
