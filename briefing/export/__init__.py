"""Brief export: Markdown (with re-export merge), HTML and W3C Web Annotation JSON."""
