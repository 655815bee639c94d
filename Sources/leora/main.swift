import LeoraKit
print("leora: not yet")
