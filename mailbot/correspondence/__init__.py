"""What mailbot writes: acknowledgements, reminders, milestone notices and the daily digest."""
