"""The editors' admin screens: dashboard panels, warnings, roles and permissions."""
