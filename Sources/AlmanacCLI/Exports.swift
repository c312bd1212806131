import AlmanacKit
