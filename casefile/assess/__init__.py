"""Assessment: custody status over time, PACE criteria."""
