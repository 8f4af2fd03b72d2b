"""Reports on coverage, supply and demand and activity, for HR and organisation admins."""
