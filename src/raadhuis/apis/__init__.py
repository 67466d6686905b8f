"""The standard APIs (ZGW Zaken, Catalogi, Documenten, …): thin layers over kernel services."""
