"""Countries, areas and the groupings (UN regions, OECD, EU, ECOWAS…) the programme
reasons with."""
