"""The Capella page of Settings › Options."""
