import SOPCore
