"""Catalog search: the query builder, page parsing, paging and the result."""
