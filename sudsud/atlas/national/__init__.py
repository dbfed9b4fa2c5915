"""National sources: files from consular registers, censuses and surveys, mapped
column by column, matched to places, counted and imported all or nothing."""
