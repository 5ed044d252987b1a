"""The tasking feature: controller, request form, requests dock, polling."""
