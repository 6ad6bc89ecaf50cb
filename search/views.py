from django.shortcuts import render


def search(request):
    """Site search (built by the search app)."""
    return render(request, "search/search.html", {"query": request.GET.get("q", "")})
