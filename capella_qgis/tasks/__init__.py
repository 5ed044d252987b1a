"""Background work as ``QgsTask`` subclasses."""
