"""The catalog search feature: controller, dock, filter form, results list."""
