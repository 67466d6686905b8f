"""Staff pages. Each module is one area of the UI; every view fetches through a kernel
selector, calls one kernel service and renders a full page or, for htmx, a partial."""
