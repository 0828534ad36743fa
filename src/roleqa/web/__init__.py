"""The web faces: the HTTP API, its guards, the Gradio chat page and the server."""
