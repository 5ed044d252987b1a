"""The Console API: one HTTP stack, the endpoints, the client that composes them."""
