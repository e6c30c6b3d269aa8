"""The audit log: who logged in, who was refused, who took personal data out, what admins did."""
