"""The secretariat's ingestion pages: uploads, then the review of what they produced."""
