"""The programme, its partner countries, memoranda of understanding and intervention
domains; later its action plans, activities and results."""
