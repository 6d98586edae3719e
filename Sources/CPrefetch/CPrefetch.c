// The header's one function is inline; SwiftPM needs a source file to build the target.
#include "CPrefetch.h"
