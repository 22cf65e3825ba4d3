region      = "eu-central-1"
environment = "staging"
namespace   = "daira-staging"
node_count  = 3
