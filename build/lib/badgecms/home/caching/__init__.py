"""Response cache of the public page and JSON, its invalidation and the CDN purge."""
