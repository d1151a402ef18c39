"""The Secretariat's desk in a browser (`mailbot web`): thin pages over the functions the CLI uses."""
