"""PDF rendering: the app's one URL fetcher, the shared WeasyPrint resources, charts."""
