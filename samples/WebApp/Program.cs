// A consumer of the HybridRec.Serving package: the HybridRec endpoints in a web app of its own.
// usage: dotnet run -- --HybridRec:ModelPath model.hrec --urls http://127.0.0.1:5080
//        then GET /users/1/recommendations?count=3, GET /movies/1/similar, POST /recommendations, GET /health/ready
using HybridRec.Serving;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddHybridRec();   // options from the "HybridRec" configuration section (ModelPath is required)

var app = builder.Build();
app.UseExceptionHandler();   // problem details for errors outside the endpoints
app.UseStatusCodePages();    // and for bodiless status codes (an unknown route, a value that does not parse)
app.MapGet("/", () => "HybridRec sample: try /users/1/recommendations?count=3");
app.MapHybridRec();
app.Run();
