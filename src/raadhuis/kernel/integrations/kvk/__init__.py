"""KvK Zoeken and Basisprofiel: client and local test double."""
