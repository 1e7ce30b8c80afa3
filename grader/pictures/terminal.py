"""What the text pictures share: how wide a line may be, and five shades of grey."""

WIDTH = 78  # a text picture's widest line, indent included: it fits an 80-column terminal
SHADES = " ░▒▓█"  # blank to full, for pixels and for how crowded a stretch of an axis is
