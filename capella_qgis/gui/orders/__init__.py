"""The orders feature: controller, orders dock, order review, downloads."""
