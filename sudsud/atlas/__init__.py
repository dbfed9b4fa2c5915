"""The diaspora atlas: migrant stocks from UN DESA and national sources, each value
with its source and edition, and the decision-support views built on them."""
